import { Checkbox, type CheckboxProps } from '@mantine/core';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

export type CheckboxFieldProps<T extends FieldValues> = Omit<CheckboxProps, 'checked' | 'onChange' | 'name'> & {
  control: Control<T>;
  name: FieldPath<T>;
};

/** A yes/no setting of a react-hook-form form, wired the way SelectField wires a choice. */
export function CheckboxField<T extends FieldValues>({ control, name, ...props }: CheckboxFieldProps<T>) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Checkbox {...props} checked={!!field.value} onChange={(event) => field.onChange(event.currentTarget.checked)} onBlur={field.onBlur} ref={field.ref} name={field.name} />
      )}
    />
  );
}
